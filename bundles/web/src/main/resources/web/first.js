// Asks for the drawing before the graph library is parsed, so that the node's answer and the
// browser's parsing overlap (at 1,000 nodes the library's parse took about a third of the first
// draw); topology.js takes this answer for its first draw.
window.meshFirstDrawing = fetch('../api/v1/topology/drawing', { cache: 'no-store' });
