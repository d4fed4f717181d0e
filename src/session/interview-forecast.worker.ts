// The interview forecast in a module Web Worker: simulating a thousand cards for weeks never blocks the page.
import { type ForecastRequest, runForecast } from './interview-forecast-run';

addEventListener('message', (event: MessageEvent<ForecastRequest>) => {
  try {
    postMessage({ forecast: runForecast(event.data) });
  } catch (error) {
    postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
