/**
 * Leaflet and its marker clustering, with their styles and marker images bundled (no CDN: the desktop app works
 * without internet). Leaflet's default import is its module object, which leaflet.markercluster extends.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import iconRetinaUrl from 'leaflet/dist/images/marker-icon-2x.png';
import iconUrl from 'leaflet/dist/images/marker-icon.png';
import shadowUrl from 'leaflet/dist/images/marker-shadow.png';
import './maps.css';

export { L };

/** Leaflet's blue marker, from the bundled images. */
export const markerIcon = L.icon({
  iconUrl,
  iconRetinaUrl,
  shadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  popupAnchor: [1, -34],
  tooltipAnchor: [16, -28],
  shadowSize: [41, 41],
});

/** The marker of a person placed at its organisation's position (markerLook 'via'; styled in maps.css). */
export const viaMarkerIcon = L.divIcon({
  className: '',
  html: '<span class="onesales-marker-via"></span>',
  iconSize: [20, 20],
  iconAnchor: [10, 10],
  popupAnchor: [0, -10],
});

/** Text for Leaflet's attribution control, which takes HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
