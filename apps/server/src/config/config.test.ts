import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function configErrorFor(environment: Record<string, string>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("loadConfig", () => {
  it("fills documented defaults when nothing is set", () => {
    const config = loadConfig({ INIT_CWD: "/srv/codelab" });
    expect(config).toMatchObject({
      NODE_ENV: "development",
      LOG_LEVEL: "info",
      PORT: 8000,
      ACCESS_TOKEN_TTL_SECONDS: 3600,
      TRUST_PROXY: false,
      DATABASE_PREPARED_STATEMENTS: true,
      dataDirectory: "/srv/codelab/.codelab",
    });
    // Unset services mean the embedded defaults; an unset secret means a generated one.
    expect([config.DATABASE_URL, config.REDIS_URL, config.JWT_SECRET_KEY]).toEqual([undefined, undefined, undefined]);
  });

  it("reads typed values from their text form", () => {
    const config = loadConfig({
      NODE_ENV: "production",
      PORT: " 9000 ",
      DATABASE_URL: "postgresql://codelab@db:5432/codelab",
      ACCESS_TOKEN_TTL_SECONDS: "900",
      TRUST_PROXY: "1",
      DATABASE_PREPARED_STATEMENTS: "false",
      CODELAB_DATA_DIR: "state",
      INIT_CWD: "/srv/codelab",
    });
    expect(config).toMatchObject({
      NODE_ENV: "production",
      PORT: 9000,
      DATABASE_URL: "postgresql://codelab@db:5432/codelab",
      ACCESS_TOKEN_TTL_SECONDS: 900,
      TRUST_PROXY: true,
      DATABASE_PREPARED_STATEMENTS: false,
      dataDirectory: "/srv/codelab/state",
    });
  });

  it("treats empty variables, as docker-compose writes them, as unset", () => {
    const config = loadConfig({ PORT: "", DATABASE_URL: "", REDIS_URL: "  ", JWT_SECRET_KEY: "", LOGIN_ATTEMPTS_PER_IP: "", TRUST_PROXY: "", DATABASE_PREPARED_STATEMENTS: "" });
    expect(config).toMatchObject({ PORT: 8000, LOGIN_ATTEMPTS_PER_IP: 50, TRUST_PROXY: false, DATABASE_PREPARED_STATEMENTS: true });
    expect([config.DATABASE_URL, config.REDIS_URL, config.JWT_SECRET_KEY]).toEqual([undefined, undefined, undefined]);
  });

  it.each(["abc", "70000", "-1", "80.5", "8o8o"])("refuses PORT=%j with a message naming the variable and the range", (port) => {
    expect(configErrorFor({ PORT: port }).message).toContain("PORT: must be a whole number from 0 to 65535");
  });

  it.each([
    ["NODE_ENV", "staging", /NODE_ENV: .*"development"\|"production"\|"test"/],
    ["LOG_LEVEL", "loud", /LOG_LEVEL: .*"debug"/],
    ["DATABASE_URL", "localhost:5432", /DATABASE_URL: must be a URL such as postgresql:\/\//],
    ["DATABASE_URL", "mysql://db:3306/codelab", /DATABASE_URL: must be a URL such as postgresql:\/\//],
    ["REDIS_URL", "redis at home", /REDIS_URL: must be a URL such as redis:\/\//],
    ["QDRANT_URL", "qdrant:6333", /QDRANT_URL: must be a URL such as http:\/\//],
    ["ACCESS_TOKEN_TTL_SECONDS", "0", /ACCESS_TOKEN_TTL_SECONDS: must be a whole number of at least 1/],
    ["LOGIN_ATTEMPTS_PER_EMAIL", "ten", /LOGIN_ATTEMPTS_PER_EMAIL: must be a whole number of at least 1/],
    ["TRUST_PROXY", "yes", /TRUST_PROXY: .*"true"/],
    ["DATABASE_PREPARED_STATEMENTS", "off", /DATABASE_PREPARED_STATEMENTS: .*"false"/],
  ])("refuses %s=%j with a clear ConfigError", (name, value, expected) => {
    const error = configErrorFor({ [name]: value });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toMatch(/^Invalid configuration:/);
    expect(error.message).toMatch(expected);
  });

  it("lists every problem at once, so one restart fixes them all", () => {
    const { message } = configErrorFor({ PORT: "http", NODE_ENV: "prod", REDIS_URL: "nowhere" });
    expect(message).toContain("PORT:");
    expect(message).toContain("NODE_ENV:");
    expect(message).toContain("REDIS_URL:");
  });

  it("never echoes a rejected value, which may hold a password", () => {
    const { message } = configErrorFor({ DATABASE_URL: "codelab:hunter2@db/codelab" });
    expect(message).toContain("DATABASE_URL");
    expect(message).not.toContain("hunter2");
  });
});
