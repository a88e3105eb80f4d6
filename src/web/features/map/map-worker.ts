import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let loading: Promise<string> | undefined;

/**
 * MapLibre's worker script, fetched by the page as soon as a map is on its way (alongside the map's
 * own chunk rather than after it) and handed to MapLibre as a blob: URL. The page's fetch goes
 * through the browser's cache like any script, and is seen and throttled by the load benchmark.
 * Should the fetch fail, MapLibre loads the file itself.
 */
export function mapWorker(): Promise<string> {
  loading ??= fetch(workerUrl)
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
    .then((blob) => URL.createObjectURL(blob))
    .catch(() => workerUrl);
  return loading;
}
