import reactHooks from "eslint-plugin-react-hooks";
import rootConfig from "../../eslint.config.js";

// The repository's rules plus the React hooks rules, which only the web app needs.
export default [...rootConfig, reactHooks.configs.flat["recommended-latest"]];
