export { registerRoutingPreview } from './routingPreviewPanel';
