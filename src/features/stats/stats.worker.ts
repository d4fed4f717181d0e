// The statistics in a module Web Worker: reading and folding 100,000 reviews never blocks the page.
import { answerStats, type StatsRequest } from './stats-host';

addEventListener('message', (event: MessageEvent<StatsRequest>) => {
  void answerStats(event.data).then((answer) => postMessage(answer));
});
