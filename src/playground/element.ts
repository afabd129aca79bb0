/**
 * <course-playground>: the browser side of the playground. Loaded lazily (see
 * Playground.astro's loader) when the element scrolls near the viewport. It reads its payload
 * (the lesson's objects and UI strings) from the JSON script inside it, starts the storage model,
 * enables the server-rendered buttons, and after each action re-renders the picture and says what
 * happened in the aria-live status line, in the page's language.
 */
import { ACTIONS, runAction, type ActionName } from './actions.ts';
import type { Message } from './messages.ts';
import { fileCounts, messageText, renderPicture, type PageLang, type PlaygroundStrings } from './render.ts';
import { currentPod, startScenario, type PlaygroundConfig, type Scenario } from './scenario.ts';

/** What Playground.astro puts in the element's JSON script. */
export interface PlaygroundPayload {
  config: PlaygroundConfig;
  strings: PlaygroundStrings;
  lang: PageLang;
}

type Command = ActionName | 'reset';

export class CoursePlayground extends HTMLElement {
  private payload?: PlaygroundPayload;
  private scenario?: Scenario;

  /** Upgrades once: starts the model, enables the buttons, runs a click that came before it was ready. */
  connectedCallback(): void {
    if (this.dataset.ready === 'true') return;
    const script = this.querySelector('script.pg-payload');
    if (!script?.textContent) return;
    this.payload = JSON.parse(script.textContent) as PlaygroundPayload;
    this.scenario = startScenario(this.payload.config);
    this.addEventListener('click', (e) => {
      const button = (e.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
      if (button && this.contains(button)) this.run(button.dataset.action as Command);
    });
    this.render();
    this.dataset.ready = 'true';
    const pending = this.dataset.pending as Command | undefined;
    delete this.dataset.pending;
    if (pending) this.run(pending);
  }

  /** Runs one command and reports it. */
  run(command: Command): void {
    const { payload } = this;
    if (!payload || !this.scenario) return;
    let messages: Message[];
    if (command === 'reset') {
      this.scenario = startScenario(payload.config);
      messages = [{ key: 'reset.done' }];
    } else if ((ACTIONS as string[]).includes(command)) {
      messages = runAction(this.scenario, command);
    } else return;
    this.render();
    const counts = fileCounts(this.scenario.model.snapshot());
    this.say(messageText([...messages, { key: 'summary', params: counts }], payload.strings, payload.lang));
  }

  private render(): void {
    const picture = this.querySelector('.pg-picture');
    if (!picture || !this.scenario || !this.payload) return;
    picture.innerHTML = renderPicture(this.scenario.model.snapshot(), this.payload.strings, currentPod(this.scenario));
  }

  private say(text: string): void {
    const status = this.querySelector('.pg-status');
    if (status) status.textContent = text;
  }
}

if (!customElements.get('course-playground')) customElements.define('course-playground', CoursePlayground);
