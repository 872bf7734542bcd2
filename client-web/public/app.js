// Landing page: shows whether the server answers GET /healthz.
// Loaded as a file because the Content-Security-Policy forbids inline scripts and handlers.

const REFRESH_MS = 15000;

const statusElement = document.getElementById('estado');

function show(online) {
  statusElement.textContent = online ? 'Servidor en línea' : 'Sin conexión';
  statusElement.dataset.estado = online ? 'en-linea' : 'sin-conexion';
}

async function check() {
  try {
    const response = await fetch('/healthz', { cache: 'no-store' });
    const body = response.ok ? await response.json() : null;
    show(body !== null && body.status === 'ok');
  } catch {
    show(false);
  }
}

if (statusElement) {
  check();
  setInterval(check, REFRESH_MS);
}
