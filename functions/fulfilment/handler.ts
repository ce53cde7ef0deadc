export const handler = async () => {
  throw new Error('placeholder until issue 6 lands');
};
