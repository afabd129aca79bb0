/**
 * Telling "this image does not exist" (the student's mistake) from "the registry cannot be
 * reached from this machine" (the machine's problem: no network, DNS down, Docker Hub blocked, as
 * it is every day for some students). Only the second is turned into a cluster problem (exit 3)
 * with a hint; anything unclear stays the student's failed check, as before.
 */
import type { Localized } from '../../i18n/lang.ts';
import { CLUSTER_NAME } from '../cluster/kind/config.ts';

/** Registries a student's image name normally points at; a DNS failure for one of them is the network's. */
const KNOWN_REGISTRIES = ['docker.io', 'registry-1.docker.io', 'index.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'ghcr.io', 'quay.io', 'mcr.microsoft.com', 'public.ecr.aws'];
/** The image does not exist, or may not be read: always the answer's problem. */
const MISSING = /not found|manifest unknown|repository does not exist|pull access denied|unauthorized|denied: requested access|invalid reference format/i;
/** Transport failures that no image name can cause. */
const NETWORK = /i\/o timeout|connection refused|network is unreachable|no route to host|TLS handshake timeout|connection reset by peer|context deadline exceeded|Client\.Timeout exceeded/i;
/** A name lookup that failed: the network's when the host is a known registry, else perhaps a typo. */
const DNS = /lookup ([A-Za-z0-9.-]+)(?: on [^:]+:\d+)?: (?:no such host|server misbehaving|Temporary failure in name resolution|i\/o timeout)/i;

/** The registry host of an image reference ("nginx:1.27" -> docker.io). */
export function registryOf(image: string): string {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.replace(/:\d+$/, '') : 'docker.io';
}

/** True when a pull error message says the registry could not be reached (not that the image is missing). */
export function registryUnreachable(image: string, message: string | undefined): boolean {
  if (!message || MISSING.test(message)) return false;
  const dns = DNS.exec(message);
  if (dns) return KNOWN_REGISTRIES.includes(dns[1]!.toLowerCase()) || KNOWN_REGISTRIES.includes(registryOf(image));
  return NETWORK.test(message);
}

/** What the run says when the registry cannot be reached (ClusterUnavailableError reason and hint). */
export function unreachableText(image: string, kind: boolean): { reason: Localized; hint: Localized } {
  const load = kind ? ` && kind load docker-image ${image} --name ${CLUSTER_NAME}` : '';
  return {
    reason: {
      en: `The image "${image}" could not be pulled because its registry (${registryOf(image)}) cannot be reached from this machine: that is the machine's network, not your answer, so nothing was graded as failed.`,
      'zh-cn': `无法拉取镜像“${image}”，因为从这台机器访问不到它的镜像仓库（${registryOf(image)}）：这是机器网络的问题，不是你的答案的问题，所以没有任何检查被判为失败。`,
    },
    hint: kind
      ? {
          en: `Configure a registry mirror for your container engine, or pull the image where you can and load it into the cluster: docker pull ${image}${load}. Then grade again.`,
          'zh-cn': `请为容器引擎配置镜像仓库的镜像站点（mirror），或者在能访问的地方拉取该镜像后载入集群：docker pull ${image}${load}。然后重新评分。`,
        }
      : {
          en: `Ask the cluster's administrator for a registry mirror the nodes can reach, or use an image that is already on the nodes. Then grade again.`,
          'zh-cn': '请向集群管理员索取节点能够访问的镜像仓库镜像站点（mirror），或者使用节点上已有的镜像。然后重新评分。',
        },
  };
}
