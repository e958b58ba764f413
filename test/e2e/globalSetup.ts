import { buildRenderer, rendererIsStale } from '../harness/buildRenderer';

/** Builds the renderer once for every end-to-end test, with the app's own Vite config. */
export default async function setup(): Promise<void> {
  if (rendererIsStale()) await buildRenderer();
}
