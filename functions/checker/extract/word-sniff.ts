const ZIP_LOCAL_HEADER = 'PK\u0003\u0004';

/**
 * A Word .docx is a zip holding word/document.xml (the name is stored uncompressed in the zip's
 * directory); any other zip is not a statement document.
 */
export function isWordDocx(bytes: Uint8Array): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    view.subarray(0, 4).toString('latin1') === ZIP_LOCAL_HEADER &&
    view.includes('word/document.xml', 0, 'latin1')
  );
}

/** Whether the bytes start as a zip does. */
export const isZip = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.byteLength)).toString('latin1') ===
  ZIP_LOCAL_HEADER;
