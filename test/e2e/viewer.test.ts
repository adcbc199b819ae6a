import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readDicomHeader } from '../../electron/services/dicom/readDicom';
import { PROJECT_ROOT, launchChromium, makeDataDir, screenshot, serve, type Served } from './support/browserMode';

/**
 * Issue 4's checks through the real UI in Debian's Chromium: open LIDC-IDRI-0002, scroll to the
 * middle, lung window, HU probe in the lung and in the aorta, axial / 1x3 / compare screenshots; a
 * series with missing and broken slices opens with a banner; a vanished folder gives a message.
 */
const CT = path.resolve(PROJECT_ROOT, '..', 'shared', 'data', 'ct', 'LIDC-IDRI-0002');

function copyWithDamage(target: string): void {
  fs.mkdirSync(target, { recursive: true });
  // Three neighbouring slices (by position, not by file name) left out: the endpoint has a gap.
  const byPosition = fs
    .readdirSync(CT)
    .filter((name) => name.endsWith('.dcm'))
    .map((name) => {
      const read = readDicomHeader(path.join(CT, name));
      return { name, z: read.ok ? (read.value.header.frames[0]?.ImagePositionPatient?.[2] ?? 0) : 0 };
    })
    .sort((a, b) => a.z - b.z);
  const left = new Set(byPosition.slice(100, 103).map((f) => f.name));
  for (const name of fs.readdirSync(CT)) {
    if (left.has(name)) continue;
    fs.copyFileSync(path.join(CT, name), path.join(target, name));
  }
  // One file cut in half: its slice cannot be decoded and must show as a placeholder.
  const broken = path.join(target, '000200.dcm');
  fs.truncateSync(broken, Math.floor(fs.statSync(broken).size / 2));
}

/** Page coordinates of an image pixel in a fitted, unpanned viewport of a 512x512 square-pixel image. */
async function pagePointOf(page: Page, testId: string, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId(testId).locator('.viewport-canvas').boundingBox())!;
  const scale = Math.min(box.width, box.height) / 512;
  return { x: box.x + box.width / 2 + (x + 0.5 - 256) * scale, y: box.y + box.height / 2 + (y + 0.5 - 256) * scale };
}

async function probeHu(page: Page, x: number, y: number): Promise<number> {
  const point = await pagePointOf(page, 'viewport-axial', x, y);
  await page.mouse.click(point.x, point.y);
  const text = await page.getByTestId('probe-value').innerText();
  const match = /(-?\d+) HU at \((\d+), (\d+)\)/.exec(text);
  expect(match, text).not.toBeNull();
  expect(Math.abs(Number(match![2]) - x)).toBeLessThanOrEqual(1);
  expect(Math.abs(Number(match![3]) - y)).toBeLessThanOrEqual(1);
  return Number(match![1]);
}

describe('HRCT viewer in browser mode', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let scratch: string;

  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lungscore-viewer-'));
    copyWithDamage(path.join(scratch, 'endpoint'));
    served = await serve(makeDataDir());
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.openUrl);
    await page.getByRole('heading', { name: 'Create your profile' }).waitFor();
    await page.locator('input[name=name]').fill('Dr Ada Reader');
    await page.locator('input[name=initials]').fill('AR');
    await page.locator('select[name=role]').selectOption('radiologist');
    await page.getByRole('button', { name: 'Create profile and continue' }).click();
    await page.getByRole('button', { name: 'Dr Ada Reader' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  const openFolder = async (folder: string) => {
    await page.getByRole('button', { name: 'Images', exact: true }).click();
    await page.locator('input[name=image-folder]').fill(folder);
    await page.getByRole('button', { name: 'Open folder' }).click();
    await page.locator(`.image-tree[data-folder="${folder}"]`).waitFor();
  };

  it('lists the series with its facts and skips the XML file', async () => {
    await openFolder(CT);
    const card = page.getByTestId('series-card');
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('261 slices');
    expect(text).toContain('thickness 1.25 mm');
    expect(text).toContain('kernel STANDARD');
    await page.getByText('1 file is not DICOM and was skipped (071.xml).').waitFor();
  });

  it('reads the series: middle slice, lung window, HU in lung and aorta, axial screenshot', async () => {
    await page.getByTestId('series-card').getByRole('button', { name: 'Read' }).click();
    await page.locator('[data-testid=viewport-axial] .viewport-canvas[data-loaded=true]').waitFor();
    // Home is the most superior slice; 13 pages of 10 reach the middle of 261.
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('slice-label').innerText()).toBe('Axial 1/261');
    for (let i = 0; i < 13; i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('slice-label').innerText()).toBe('Axial 132/261');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('slice-label').innerText()).toBe('Axial 131/261');
    await expect.poll(() => page.getByTestId('table-position').innerText()).toBe('Table -172.0 mm');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId('window-level').innerText()).toBe('W 400 L 40');
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('window-level').innerText()).toBe('W 1500 L -600');
    // Radiological convention: the patient's right on the image left.
    expect(await page.getByTestId('orient-left-axial').innerText()).toBe('R');

    expect(await probeHu(page, 140, 230)).toBeLessThan(-700);
    const aorta = await probeHu(page, 294, 284);
    // Unenhanced blood in the descending aorta: about 40 HU.
    expect(aorta).toBeGreaterThan(0);
    expect(aorta).toBeLessThan(100);
    // The slice slider: top is the first (most superior) slice, like Home.
    const slider = page.getByRole('slider', { name: 'axial slice' });
    await slider.fill('0');
    await expect.poll(() => page.getByTestId('slice-label').innerText()).toBe('Axial 1/261');
    await slider.fill('130');
    await expect.poll(() => page.getByTestId('slice-label').innerText()).toBe('Axial 131/261');
    await page.locator('[role=progressbar]').waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, 'viewer-axial');
  });

  it('shows coronal and sagittal reformats in the 1x3 layout', async () => {
    await page.keyboard.press('v');
    await page.locator('[data-testid=viewport-coronal] .viewport-canvas[data-loaded=true]').waitFor();
    await page.locator('[data-testid=viewport-sagittal] .viewport-canvas[data-loaded=true]').waitFor();
    expect(await page.getByTestId('orient-left-coronal').innerText()).toBe('R');
    expect(await page.getByTestId('orient-left-sagittal').innerText()).toBe('A');
    // In panes a third of the width wide, the two top corners' text must not run into each other.
    for (const plane of ['axial', 'coronal', 'sagittal']) {
      const left = await page.locator(`[data-testid=viewport-${plane}] .overlay.top-left`).boundingBox();
      const right = await page.locator(`[data-testid=viewport-${plane}] .overlay.top-right`).boundingBox();
      expect(left && right && left.x + left.width <= right.x, `${plane}: top-left overlay ends before top-right begins`).toBe(true);
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'viewer-coronal');
  });

  it('compares baseline and endpoint with linked scrolling; the damaged endpoint says what is wrong', async () => {
    await openFolder(CT);
    await page.getByTestId('series-card').getByRole('button', { name: 'Compare: use as baseline' }).click();
    await openFolder(path.join(scratch, 'endpoint'));
    const card = page.getByTestId('series-card').first();
    await expect.poll(async () => (await card.innerText()).includes('3 slices missing')).toBe(true);
    await card.getByRole('button', { name: 'Compare with baseline' }).click();
    await page.getByText(/Endpoint: This series has problems: .*3 slices missing between/).waitFor();
    await page.getByTestId('link-toggle').getByText(/Linked, offset/).waitFor();
    const labels = page.getByTestId('slice-label');
    await expect.poll(() => labels.count()).toBe(2);
    await page.locator('[role=progressbar]').first().waitFor({ state: 'detached', timeout: 90_000 });
    await page.getByText(/1 slice could not be decoded/).waitFor();
    const positions = page.getByTestId('table-position');
    const mm = async (i: number) => Number(/(-?\d+\.\d) mm/.exec(await positions.nth(i).innerText())![1]);
    const offset = Number(/offset (-?\d+\.\d) mm/.exec(await page.getByTestId('link-toggle').innerText())![1]);
    const before = await mm(0);
    await page.getByTestId('viewport-axial').first().locator('.viewport-canvas').hover();
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 100);
    // Scrolling the baseline toward the feet moves the endpoint with it, keeping the offset (within half a slice).
    await expect.poll(() => mm(0)).toBeCloseTo(before - 8 * 1.25, 1);
    await expect.poll(async () => Math.abs((await mm(1)) - (await mm(0)) - offset) <= 0.65).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'viewer-compare');
    await page.keyboard.press('l');
    await page.getByTestId('link-toggle').getByText(/Unlinked/).waitFor();
  });

  it('hides identifiers in blinded mode', async () => {
    await page.getByLabel('Hide identifiers').check();
    await expect.poll(() => page.locator('.viewport .overlay.top-left').first().innerText()).toContain('Blinded');
    expect(await page.locator('.viewport').first().innerText()).not.toContain('2000-01-01');
    expect(await page.title()).toBe('LungScore');
    await page.getByLabel('Hide identifiers').uncheck();
  });

  it('says so when a folder vanished, instead of crashing', async () => {
    const gone = path.join(scratch, 'gone');
    fs.mkdirSync(gone);
    for (const name of ['000001.dcm', '000002.dcm', '000003.dcm']) fs.copyFileSync(path.join(CT, name), path.join(gone, name));
    await openFolder(gone);
    fs.rmSync(gone, { recursive: true, force: true });
    await page.getByTestId('series-card').getByRole('button', { name: 'Read' }).click();
    await page.getByText(/is no longer there/).first().waitFor();
  });
});
