import { smoke } from './smoke.mjs';

export default {
  async fetch() {
    return Response.json(await smoke());
  },
};
