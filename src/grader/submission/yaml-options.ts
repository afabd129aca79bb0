/**
 * The yaml options that read YAML the way kubectl does (go-yaml v2, YAML 1.1): yaml's 1.1 schema
 * with the tags go-yaml does not have removed and its number tags replaced by go-yaml's rules.
 */
import type { ScalarTag, Tags } from 'yaml';
import { goYamlNumberTags } from './go-yaml-numbers.ts';

/**
 * go-yaml (what kubectl uses) keeps timestamps and `1:30`-style sexagesimal numbers as strings;
 * yaml's 1.1 schema would turn them into Dates and numbers, so those tags are dropped. The
 * explicit-only collection and binary tags (!!set, !!omap, !!pairs, !!binary) are dropped too:
 * no manifest needs them, and they make values that are not JSON. yaml's int and float tags are
 * replaced by go-yaml's number rules (go-yaml-numbers.ts): `E1` stays a string, `0o17` is 15.
 */
const DROPPED_TAGS = new Set(['timestamp', 'intTime', 'floatTime', 'binary', 'omap', 'pairs', 'set']);
const DROPPED_TAG_URIS = new Set(['timestamp', 'binary', 'omap', 'pairs', 'set'].map((t) => `tag:yaml.org,2002:${t}`));
const INT_URI = 'tag:yaml.org,2002:int';
const FLOAT_URI = 'tag:yaml.org,2002:float';
const isScalarTag = (t: Tags[number]): t is ScalarTag => typeof t === 'object' && !('collection' in t && t.collection);
const plainTag = (tags: Tags, uri: string): ScalarTag | undefined =>
  tags.filter(isScalarTag).find((t) => t.tag === uri && !t.format);

/** yaml's YAML 1.1 tags, changed to read scalars as kubectl does (see above). */
function kubectlTags(tags: Tags): Tags {
  const baseInt = plainTag(tags, INT_URI);
  const baseFloat = plainTag(tags, FLOAT_URI);
  if (!baseInt || !baseFloat) throw new Error('yaml no longer ships the YAML 1.1 int and float tags');
  const go = goYamlNumberTags(baseInt, baseFloat);
  const out: Tags = [];
  for (const t of tags) {
    if (typeof t === 'string') {
      if (!DROPPED_TAGS.has(t)) out.push(t);
      continue;
    }
    if (DROPPED_TAG_URIS.has(t.tag) || ('format' in t && t.format === 'TIME')) continue;
    // The first int tag and the first float tag become go-yaml's; yaml's other variants go.
    if (t.tag === INT_URI || t.tag === FLOAT_URI) {
      const replacement = t.tag === INT_URI ? go.int : go.float;
      if (!out.includes(replacement)) out.push(replacement);
      continue;
    }
    out.push(t);
  }
  return out;
}

/**
 * Parse options: YAML 1.1 like kubectl, short error messages (positions come from the
 * LineCounter). yaml's duplicate-key check is off: it is quadratic in the keys of a mapping, so
 * yaml-errors.ts finds duplicates in one pass instead (duplicate-keys.ts).
 */
export const YAML_OPTIONS = { version: '1.1', prettyErrors: false, uniqueKeys: false, customTags: kubectlTags } as const;
