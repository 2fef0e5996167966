// Saves text as a file through the browser's download (an object URL on a temporary link): the
// same in Electron's window and a browser on `promdesk serve`.
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The file name an exported dashboard gets: its title's slug and uid, as Grafana names them. */
export function exportFileName(title: string, uid: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'dashboard'}-${uid}.json`;
}
