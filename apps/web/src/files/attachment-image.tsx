import type { MeasuredImage } from "./measure-image.js";
import { useObjectUrlSource } from "./use-object-url.js";

/**
 * An image from fetched bytes. SVG too goes through <img>, where the browser runs none of its
 * scripts and loads none of its references; its markup is never put into the page.
 */
export function AttachmentImage({ image, alt, className }: { image: MeasuredImage; alt: string; className?: string }) {
  const ref = useObjectUrlSource(image.blob);
  const size = image.width > 0 && image.height > 0 ? { width: image.width, height: image.height } : {};
  return <img ref={ref} alt={alt} className={className} {...size} />;
}
