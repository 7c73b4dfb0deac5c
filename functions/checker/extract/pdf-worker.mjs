// Reads PDFs' text layers in a worker thread, so the caller can enforce a time limit and a memory
// cap (PDF bombs, pathological files) by terminating the thread. The thread stays up between
// documents (loading the PDF reader is the slow part) and answers one request at a time:
// {id, bytes, maxPages} → {id, ok: true, pages: [{page, lines}], totalPages} or {id, ok: false, reason, message}.
// Plain JavaScript so it runs the same under Node, tsx, vitest and a bundled Lambda.
import { parentPort } from 'node:worker_threads';
import { getDocumentProxy } from 'unpdf';

async function read(bytes, maxPages) {
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = error?.name ?? '';
    if (name === 'PasswordException')
      return { ok: false, reason: 'password', message: 'The PDF is password-protected.' };
    return { ok: false, reason: 'invalid', message: `The PDF could not be read (${name || 'error'}).` };
  }
  try {
    const pages = [];
    const totalPages = pdf.numPages;
    for (let n = 1; n <= Math.min(totalPages, maxPages); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const lines = [];
      let line = '';
      let lastY;
      let lastSize = 10;
      for (const item of content.items) {
        if (item.str == null) continue;
        const y = item.transform[5];
        const size = Math.hypot(item.transform[2], item.transform[3]) || lastSize;
        if (lastY !== undefined && line === '' && Math.abs(lastY - y) > Math.max(size, lastSize) * 1.7)
          lines.push('');
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
          lastY = y;
          lastSize = size;
        }
      }
      if (line) lines.push(line);
      pages.push({ page: n, lines });
      page.cleanup();
    }
    return { ok: true, pages, totalPages };
  } finally {
    await pdf.destroy();
  }
}

parentPort.on('message', ({ id, bytes, maxPages }) => {
  read(bytes, maxPages).then(
    (result) => parentPort.postMessage({ id, ...result }),
    (error) =>
      parentPort.postMessage({
        id,
        ok: false,
        reason: 'invalid',
        message: `The PDF could not be read (${error?.name ?? 'error'}).`,
      }),
  );
});
