import { router } from "../../trpc.js";
import { approve } from "./approve.js";
import { list } from "./list.js";
import { reject } from "./reject.js";

export const toolCallsRouter = router({ list, approve, reject });
