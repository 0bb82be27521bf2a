import { renderGoTemplate } from '@herald/config';

/** The fields a `reddit.user_agent` template may use (seed-behaviour §3.13). */
export const USER_AGENT_FIELDS = ['OS', 'Version'] as const;

/**
 * Go's GOOS name for a Node platform, as the seed's `{{.OS}}` printed it (runtime.GOOS): Node's
 * `win32` is Go's `windows`, `sunos` is `solaris`, `cygwin` runs Windows; linux, darwin, freebsd,
 * openbsd, netbsd, aix and android are spelled the same.
 */
export function goosName(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
    case 'cygwin':
      return 'windows';
    case 'sunos':
      return 'solaris';
    default:
      return platform;
  }
}

/**
 * Renders the seed's `reddit.user_agent` Go text/template (seed-behaviour §3.13, e.g.
 * `"{{.OS}}:agreatbot:v{{.Version}} (by /u/AGreatUsername)"`) with @herald/config's Go template
 * reader: `{{.OS}}` → Go's GOOS name of `platform` (default this process's), `{{.Version}}` →
 * `version`; spaces, trim markers and comments as Go reads them. Throws GoTemplateError (from
 * @herald/config) for anything else inside `{{…}}` or an unclosed action. Reddit asks for
 * `<platform>:<app ID>:<version> (by /u/<user>)` and drastically limits default agents.
 */
export function renderUserAgent(template: string, version: string, platform: NodeJS.Platform = process.platform): string {
  return renderGoTemplate(template, USER_AGENT_FIELDS, { OS: goosName(platform), Version: version });
}
