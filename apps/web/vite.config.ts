import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development Vite serves the SPA and forwards API calls to a server started with `npm start`
// (or `npm run dev --workspace @codelab/server`), so the refresh cookie stays same-origin.
const apiServer = "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/trpc": apiServer,
      "/my/": apiServer,
      "/health": apiServer,
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});
