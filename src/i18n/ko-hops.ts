/**
 * 패킷 추적 단계(hop) 메시지의 한국어 템플릿. 코드와 {매개변수}는 src/engine/trace/codes.ts의 것과 같습니다.
 * 영어 원문을 옮기기보다, 수업에서 설명하듯 자연스럽게 썼습니다. 없는 코드는 영어로 표시됩니다.
 */
export const KO_HOPS: Record<string, string> = {
  'hop.client.send': '{client}가 {src}:{srcPort}에서 {dst}:{dstPort}(으)로 {protocol} 연결을 엽니다',
  'hop.client.unknown': '보낼 {client}가 없습니다',
  'hop.client.noAddress': '{client}에 아직 IP 주소가 없습니다 (실행 중이 아님)',
  'hop.target.invalid': '"{target}"은(는) 서비스 이름도, 포트가 붙은 IP 주소도 아닙니다',
  'hop.dns.resolve': 'DNS 조회: {query} → {answers}',
  'hop.dns.headless':
    'DNS 조회: {query}는 헤드리스 서비스라 파드 IP {answers}를 그대로 돌려주고, 클라이언트는 {chosen}에 연결합니다',
  'hop.dns.cname': 'DNS 조회: {query}는 ExternalName 서비스라 CNAME {cname}을(를) 돌려줍니다',
  'hop.dns.nxdomain': 'DNS 조회: {query}라는 이름이 없습니다 ({rcode})',
  'hop.dns.noClusterDns': '{client}는 클러스터 DNS를 쓰지 않아서 {query}를 찾을 수 없습니다',
  'hop.lb.forward':
    '로드밸런서 {lb}가 연결을 노드 {node}의 {dst}:{dstPort}(으)로 보냅니다 (헬스 체크 통과 노드 {healthyNodes}/{nodes})',
  'hop.lb.forwardVip': '로드밸런서 {lb}가 목적지 {dst}:{dstPort}를 그대로 둔 채 노드 {node}로 보냅니다',
  'hop.lb.sourceRangeDenied':
    '로드밸런서 {lb}가 {src}를 거부합니다: loadBalancerSourceRanges {ranges}에 들어 있지 않습니다',
  'hop.lb.noPort': '로드밸런서 {lb}에는 {dstPort}번 포트로 받는 리스너가 없습니다',
  'hop.lb.noNodes': '로드밸런서 {lb}가 보낼 노드가 없습니다',
  'hop.external.unroutable': '{dst}는 클러스터 밖에서는 닿을 수 없는 주소라, 연결이 시간 초과로 끝납니다',
  'hop.external.leave': '연결이 클러스터를 벗어나 {host}:{dstPort}로 갑니다',
  'hop.node.dnat': '노드 {node}: kube-proxy 규칙이 목적지 {from}을(를) {dst}:{dstPort}(으)로 바꿉니다 (DNAT)',
  'hop.node.ipvs':
    '노드 {node}: IPVS 가상 서버 {vs}({scheduler})가 {from}을(를) {dst}:{dstPort}(으)로 넘깁니다',
  'hop.node.ipvsNoRealServers': '노드 {node}: IPVS 가상 서버 {vs}에 실제 서버가 없어 연결이 거부됩니다',
  'hop.node.drop': '노드 {node}가 패킷을 버립니다: {comment}',
  'hop.node.reject': '노드 {node}가 연결을 거부합니다: {comment}',
  'hop.node.healthCheck':
    '노드 {node}가 {dstPort}번 포트의 헬스 체크에 답합니다 (kube-proxy가 응답, 로컬 엔드포인트 {localEndpoints}개)',
  'hop.node.hostProcess': '노드 {node}가 연결을 호스트 네트워크 파드 {pod}의 {dstPort}번 포트로 전달합니다',
  'hop.node.closedPort': '노드 {node}에서 {dstPort}번 포트를 여는 곳이 없어 연결이 거부됩니다',
  'hop.node.noRule':
    '노드 {node}에는 {dst}:{dstPort}에 맞는 kube-proxy 규칙이 없어, 패킷이 그대로 라우팅됩니다',
  'hop.node.timeout': '{dst}:{dstPort}에서 아무도 답하지 않아 패킷이 사라지고 연결은 시간 초과로 끝납니다',
  'hop.node.route': '{dst}를 가진 노드 {node}로 패킷이 라우팅됩니다',
  'hop.node.forward': '{dst}가 실행 중인 노드 {node}로 패킷이 넘어갑니다',
  'hop.node.masquerade':
    '노드 {node}가 출발지 {from}을(를) {src}로 바꿉니다 (마스커레이드, KUBE-POSTROUTING)',
  'hop.service.select': '서비스 {service}가 엔드포인트 {endpoint}를 고릅니다 (확률 {probability})',
  'hop.service.affinity':
    '서비스 {service}가 클라이언트 {client}를 계속 엔드포인트 {endpoint}로 보냅니다 (sessionAffinity ClientIP, {seconds}초)',
  'hop.pod.deliver': '파드 {pod}가 {dstPort}번 포트로 연결을 받습니다',
  'hop.endpoint.deliver': '엔드포인트 {dst}:{dstPort}(이 클러스터의 파드가 아님)가 연결을 받습니다',
  'hop.reply.send': '{from}이(가) {dst}:{dstPort}에게 응답합니다',
  'hop.reply.forward': '응답이 노드 {node}를 거쳐 되돌아갑니다',
  'hop.reply.unnat': '노드 {node}가 conntrack으로 NAT를 되돌려, 응답의 출발지가 {src}:{srcPort}가 됩니다',
  'hop.reply.lb': '로드밸런서 {lb}가 {src}:{srcPort}에서 온 것처럼 응답을 돌려줍니다',
  'hop.reply.deliver': '{client}가 {src}:{srcPort}로부터 응답을 받습니다',
  'hop.reply.dropped':
    '{client}가 {src}:{srcPort}에서 온 응답을 버립니다: {expected}에서 올 응답을 기다리고 있었습니다',
  'hop.error': '추적을 끝까지 하지 못했습니다: {reason}',
};
