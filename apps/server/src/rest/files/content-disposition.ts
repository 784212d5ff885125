/**
 * `Content-Disposition` with the file's name: an ASCII fallback for old clients and the exact
 * name in RFC 8187 form. Only printable ASCII reaches the header, so no name can break out of it.
 */
export function contentDisposition(disposition: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
