import { z } from "zod";

/*
 * zod compiles object parsers with `new Function` unless told not to, and merely probing for
 * that breaks the SPA's Content-Security-Policy (script-src 'self', no 'unsafe-eval'). Schemas
 * read the setting when they are built, so this module must be imported before any schema module.
 */
z.config({ jitless: true });
