import { router } from "../../trpc.js";
import { approve } from "./approve.js";
import { cancel } from "./cancel.js";
import { events } from "./events.js";
import { get } from "./get.js";
import { list } from "./list.js";
import { reject } from "./reject.js";

export const plansRouter = router({
  list,
  get,
  approve,
  reject,
  cancel,
  events,
});
