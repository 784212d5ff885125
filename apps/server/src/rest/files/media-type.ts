/** What a download is sent as: its media type and whether a browser may show it in place. */
export interface DownloadType {
  contentType: string;
  /** Images are shown in place (the chat shows charts); everything else is a download. */
  inline: boolean;
}

const utf8 = "; charset=utf-8";

// Deliberately short: a type we do not know goes out as application/octet-stream, which no browser renders.
const byExtension: Record<string, DownloadType> = {
  txt: { contentType: `text/plain${utf8}`, inline: false },
  log: { contentType: `text/plain${utf8}`, inline: false },
  md: { contentType: `text/markdown${utf8}`, inline: false },
  csv: { contentType: `text/csv${utf8}`, inline: false },
  tsv: { contentType: `text/tab-separated-values${utf8}`, inline: false },
  json: { contentType: `application/json${utf8}`, inline: false },
  yaml: { contentType: `application/yaml${utf8}`, inline: false },
  yml: { contentType: `application/yaml${utf8}`, inline: false },
  xml: { contentType: `application/xml${utf8}`, inline: false },
  html: { contentType: `text/html${utf8}`, inline: false },
  htm: { contentType: `text/html${utf8}`, inline: false },
  css: { contentType: `text/css${utf8}`, inline: false },
  js: { contentType: `text/javascript${utf8}`, inline: false },
  mjs: { contentType: `text/javascript${utf8}`, inline: false },
  // `.ts` is registered as MPEG transport stream; here it is always source code.
  ts: { contentType: `text/plain${utf8}`, inline: false },
  py: { contentType: `text/x-python${utf8}`, inline: false },
  pdf: { contentType: "application/pdf", inline: false },
  zip: { contentType: "application/zip", inline: false },
  png: { contentType: "image/png", inline: true },
  jpg: { contentType: "image/jpeg", inline: true },
  jpeg: { contentType: "image/jpeg", inline: true },
  gif: { contentType: "image/gif", inline: true },
  webp: { contentType: "image/webp", inline: true },
  svg: { contentType: "image/svg+xml", inline: true },
};

const fallback: DownloadType = { contentType: "application/octet-stream", inline: false };

export function downloadTypeOf(fileName: string): DownloadType {
  const dot = fileName.lastIndexOf(".");
  if (dot <= 0) return fallback;
  return byExtension[fileName.slice(dot + 1).toLowerCase()] ?? fallback;
}
