import { router } from "../../trpc.js";
import { remove } from "./delete.js";
import { list } from "./list.js";
import { read } from "./read.js";
import { upload } from "./upload.js";

/** The project's workspace files; the workspace is opened for the project the procedure has proven is the caller's. */
export const filesRouter = router({ list, upload, read, delete: remove });
