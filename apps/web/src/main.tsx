import "./zod-config.js";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/app.js";
import { createAppServices } from "./app/create-app-services.js";
import "./styles/base.css";
import "./styles/components.css";
import "./styles/screens.css";
import "./styles/overlays.css";
import "./styles/markdown.css";
import "./styles/chat.css";
import "./styles/agents.css";
import "./styles/plans.css";
import "./styles/usage.css";
import "./styles/tools.css";
import "./styles/files.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html must contain #root");

const services = createAppServices();
void services.session.restore();

createRoot(container).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
