import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { emulator } from './helpers.js';

const sdk = (baseURL: string, extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ baseURL, apiKey: 'k', maxRetries: 0, logLevel: 'off', ...extra });

describe('llm emulator', () => {
  it('answers the SDK default base64 encoding with the same vectors as float, and reports usage', async () => {
    const emu = await emulator();
    const client = sdk(`${emu.url}/v1`);
    const b64 = await client.embeddings.create({ model: 'e', input: ['hello world'] });
    const float = await client.embeddings.create({ model: 'e', input: ['hello world'], encoding_format: 'float' });
    expect(b64.data[0]!.embedding).toEqual(float.data[0]!.embedding);
    expect(float.usage.total_tokens).toBeGreaterThan(0);
  });

  it('is deterministic across instances', async () => {
    const [a, b] = await Promise.all([emulator(), emulator()]);
    const input = 'the same sentence';
    const [x, y] = await Promise.all(
      [a, b].map((e) => sdk(`${e.url}/v1`).embeddings.create({ model: 'e', input, encoding_format: 'float' })),
    );
    expect(x!.data[0]!.embedding).toEqual(y!.data[0]!.embedding);
  });

  it('refuses Azure paths without api-version, unknown routes, and non-grading prompts', async () => {
    const emu = await emulator();
    await expect(sdk(`${emu.url}/openai/deployments/d`).embeddings.create({ model: 'e', input: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(sdk(`${emu.url}/v2`).embeddings.create({ model: 'e', input: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(
      sdk(`${emu.url}/v1`).chat.completions.create({ model: 'j', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('serves the Azure chat path with the deployment as model', async () => {
    const emu = await emulator();
    const client = sdk(`${emu.url}/openai/deployments/judge-4o`, { defaultQuery: { 'api-version': '2024-10-21' } });
    const prompt = '<reference>\nwith food\n</reference>\n<answer>\nwith food\n</answer>';
    const reply = await client.chat.completions.create({ model: 'ignored', messages: [{ role: 'user', content: prompt }] });
    expect(reply.model).toBe('judge-4o');
    expect(JSON.parse(reply.choices[0]!.message.content!)).toMatchObject({ score: 5 });
  });
});
