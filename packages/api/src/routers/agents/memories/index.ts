import { router } from "../../../trpc.js";
import { add } from "./add.js";
import { remove } from "./delete.js";
import { list } from "./list.js";
import { search } from "./search.js";

export const memoriesRouter = router({ list, search, add, delete: remove });
