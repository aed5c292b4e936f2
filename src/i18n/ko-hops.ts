/**
 * 패킷 추적 단계(hop) 메시지의 한국어 템플릿. 코드와 {매개변수}는 src/engine/trace/codes.ts의 것과 같습니다.
 * 이름 뒤에 붙는 조사가 이름에 따라 달라지지 않도록 "노드 {node}: …" 꼴로 썼습니다. 없는 코드는 영어로 표시됩니다.
 */
export const KO_HOPS: Record<string, string> = {
  'hop.client.send': '{client}: {src}:{srcPort}에서 {dst}:{dstPort}(으)로 {protocol} 연결을 엽니다',
  'hop.client.unknown': '클라이언트 {client}을(를) 찾을 수 없습니다',
  'hop.client.noAddress': '{client}: 아직 IP 주소가 없습니다 (실행 중이 아님)',
  'hop.target.invalid': '"{target}": 서비스 이름도, 포트가 붙은 IP 주소도 아닙니다',
  'hop.dns.resolve': 'DNS 조회: {query} → {answers}',
  'hop.dns.headless':
    'DNS 조회: 헤드리스 서비스 {query} → 파드 IP {answers}. 클라이언트는 {chosen}에 연결합니다',
  'hop.dns.cname': 'DNS 조회: ExternalName 서비스 {query} → CNAME {cname}',
  'hop.dns.nxdomain': 'DNS 조회: {query}라는 이름이 없습니다 ({rcode})',
  'hop.dns.noClusterDns': '{client}: 클러스터 DNS를 쓰지 않아서 {query}을(를) 찾지 못합니다',
  'hop.lb.forward':
    '로드밸런서 {lb}: 연결을 노드 {node}의 {dst}:{dstPort}(으)로 보냅니다 (헬스 체크 통과 노드 {healthyNodes}/{nodes}개)',
  'hop.lb.forwardVip': '로드밸런서 {lb}: 목적지({dst}:{dstPort})는 그대로 두고 노드 {node}에 보냅니다',
  'hop.lb.sourceRangeDenied':
    '로드밸런서 {lb}: 출발지 주소({src})가 loadBalancerSourceRanges {ranges}에 없어 거부합니다',
  'hop.lb.noPort': '로드밸런서 {lb}: {dstPort}번 포트로 받는 리스너가 없습니다',
  'hop.lb.noNodes': '로드밸런서 {lb}: 보낼 노드가 없습니다',
  'hop.external.unroutable': '클러스터 밖에서는 {dst}에 닿을 수 없어, 연결이 시간 초과로 끝납니다',
  'hop.external.leave': '연결이 클러스터를 벗어나 {host}:{dstPort}(으)로 갑니다',
  'hop.node.dnat': '노드 {node}: kube-proxy 규칙이 목적지를 {from}에서 {dst}:{dstPort}(으)로 바꿉니다 (DNAT)',
  'hop.node.ipvs':
    '노드 {node}: IPVS 가상 서버 {vs}({scheduler})가 목적지를 {from}에서 {dst}:{dstPort}(으)로 바꿉니다',
  'hop.node.ipvsNoRealServers': '노드 {node}: IPVS 가상 서버 {vs}에 실제 서버가 없어 연결을 거부합니다',
  'hop.node.drop': '노드 {node}: 패킷을 버립니다 ({comment})',
  'hop.node.reject': '노드 {node}: 연결을 거부합니다 ({comment})',
  'hop.node.healthCheck':
    '노드 {node}: {dstPort}번 포트의 헬스 체크에 kube-proxy가 답합니다 (로컬 엔드포인트 {localEndpoints}개)',
  'hop.node.hostProcess': '노드 {node}: 호스트 네트워크 파드 {pod}의 {dstPort}번 포트로 전달합니다',
  'hop.node.closedPort': '노드 {node}: {dstPort}번 포트를 여는 곳이 없어 연결이 거부됩니다',
  'hop.node.noRule':
    '노드 {node}: {dst}:{dstPort}에 맞는 kube-proxy 규칙이 없어, 패킷을 바꾸지 않고 그대로 라우팅합니다',
  'hop.node.timeout': '{dst}:{dstPort}에서 아무도 답하지 않아 패킷이 사라지고, 연결은 시간 초과로 끝납니다',
  'hop.node.route': '{dst} 주소를 가진 노드 {node}에 패킷이 도착합니다',
  'hop.node.forward': '{dst} 파드가 실행 중인 노드 {node}에 패킷이 도착합니다',
  'hop.node.masquerade':
    '노드 {node}: 출발지를 {from}에서 {src}(으)로 바꿉니다 (마스커레이드, KUBE-POSTROUTING)',
  'hop.service.select': '서비스 {service}: 엔드포인트 {endpoint}(으)로 보냅니다 (확률 {probability})',
  'hop.service.affinity':
    '서비스 {service}: sessionAffinity ClientIP에 따라 클라이언트 {client}의 연결을 계속 엔드포인트 {endpoint}(으)로 보냅니다 ({seconds}초 유지)',
  'hop.pod.deliver': '파드 {pod}: {dstPort}번 포트로 연결을 받습니다',
  'hop.endpoint.deliver': '엔드포인트 {dst}:{dstPort}: 연결을 받습니다 (이 클러스터의 파드가 아님)',
  'hop.reply.send': '{from}: {dst}:{dstPort}에 응답을 보냅니다',
  'hop.reply.forward': '응답이 노드 {node}을(를) 거쳐 돌아갑니다',
  'hop.reply.unnat': '노드 {node}: conntrack이 NAT를 되돌려, 응답의 출발지가 {src}:{srcPort}(으)로 바뀝니다',
  'hop.reply.lb': '로드밸런서 {lb}: 출발지 {src}:{srcPort}(으)로 응답을 돌려줍니다',
  'hop.reply.deliver': '{client}: {src}:{srcPort}에서 온 응답을 받습니다',
  'hop.reply.dropped':
    '{client}: {src}:{srcPort}에서 온 응답을 버립니다 ({expected}에서 올 응답을 기다리던 중)',
  'hop.error': '추적을 끝까지 하지 못했습니다: {reason}',
};
