/**
 * Korean templates for the engine's diagnostic codes (src/engine: yaml/parse.ts, sim/simulate.ts,
 * sim/cluster-config.ts). `{message}` is the engine's English text, kept where it quotes kubectl or the
 * YAML parser verbatim, so learners can still search for it.
 */
export const KO_DIAGNOSTICS: Record<string, string> = {
  'yaml.syntax': 'YAML 문법 오류: {detail}',
  'yaml.warning': 'YAML 경고: {detail}',
  'yaml.alias': 'YAML 별칭(alias)을 풀 수 없어요: {detail}',
  'manifest.notObject': '문서는 apiVersion과 kind가 있는 매핑이어야 해요',
  'manifest.noApiVersion': 'apiVersion이 없어요 (kubectl: {message})',
  'manifest.noKind': 'kind가 없어요 (kubectl: {message})',
  'manifest.noName': 'metadata.name이 비어 있어요 (kubectl: {message})',
  'manifest.notSimulated': '{apiVersion} {kind}: 이 플레이그라운드에서는 시뮬레이션하지 않아 무시해요',
  'apiserver.rejected': 'API 서버가 {kind} "{name}"을(를) 거부했어요: {detail}',
  'config.invalid': '클러스터 설정 {field}: {detail}',
  'engine.failed': '시뮬레이션이 내부 오류로 멈췄어요: {detail}',
  'canvas.tooLarge':
    '서비스와 파드가 {count}개라 화면에 다 그릴 수 없어요(최대 {limit}개). 그릴 수 있었던 마지막 클러스터를 보여 줘요',
};
