import { useState } from "react";
import { Brand } from "../ui/brand.js";
import { SignInForm } from "./sign-in-form.js";
import { SignUpForm } from "./sign-up-form.js";

type Mode = "sign-in" | "sign-up";

const copy = {
  "sign-in": {
    title: "Sign in to CodeLab",
    lead: "Pick up where your agents left off.",
    switchPrompt: "New to CodeLab?",
    switchAction: "Create an account",
  },
  "sign-up": {
    title: "Create your account",
    lead: "Every project starts with a coder, an analyst and a writer.",
    switchPrompt: "Already have an account?",
    switchAction: "Sign in",
  },
} satisfies Record<Mode, Record<string, string>>;

/** Shown at whatever URL the user asked for, so signing in lands them back there. */
export function AuthScreen({ notice }: { notice: string | undefined }) {
  const [mode, setMode] = useState<Mode>("sign-in");
  const text = copy[mode];
  return (
    <main className="auth-page">
      <div className="auth-card">
        <Brand />
        <h1 className="auth-title">{text.title}</h1>
        <p className="auth-lead">{text.lead}</p>
        {notice && (
          <div className="alert alert-info" role="status">
            {notice}
          </div>
        )}
        {mode === "sign-in" ? <SignInForm /> : <SignUpForm />}
        <p className="auth-switch">
          {text.switchPrompt}{" "}
          <button type="button" className="link-button" onClick={() => setMode(mode === "sign-in" ? "sign-up" : "sign-in")}>
            {text.switchAction}
          </button>
        </p>
      </div>
    </main>
  );
}
