export function OfflineBanner() {
  return (
    <div className="banner banner-warning" role="note">
      <strong>Offline model.</strong> Replies come from CodeLab&apos;s built-in placeholder model, not a language model. To get real answers, set{" "}
      <code>OPENAI_API_KEY</code> (and <code>OPENAI_BASE_URL</code> for LiteLLM or another OpenAI-compatible server) where the CodeLab server runs, then
      restart it.
    </div>
  );
}
