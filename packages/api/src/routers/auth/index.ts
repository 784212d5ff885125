import { router } from "../../trpc.js";
import { changePassword } from "./change-password.js";
import { login } from "./login.js";
import { logout } from "./logout.js";
import { me } from "./me.js";
import { refresh } from "./refresh.js";
import { register } from "./register.js";

export const authRouter = router({ register, login, refresh, logout, me, changePassword });
