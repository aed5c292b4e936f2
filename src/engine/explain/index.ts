export {
  explainServiceEndpoints,
  type EndpointReason,
  type LabelCheck,
  type PodEndpointCheck,
  type PortCheck,
  type ServiceEndpointsExplanation,
} from './service-endpoints.ts';
