// Editor extensions import their stylesheets (bundled by Vite in the app); in Node they are empty.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.css')) return { format: 'module', source: 'export default {};', shortCircuit: true };
  return nextLoad(url, context);
}
