import * as assert from 'node:assert/strict';
import { useDom } from './dom';

describe('dashboard theme', () => {
  useDom();

  it('reads chart colours from the theme’s CSS variables, with fallbacks for those it lacks', async () => {
    const { readThemeColors } = await import('../../../src/webview/theme');
    document.body.style.setProperty('--vscode-charts-red', '#e51400');
    document.body.style.setProperty('--vscode-font-size', '12px');
    const colors = readThemeColors(document.body);
    assert.equal(colors.anomaly, '#e51400');
    assert.equal(colors.volume, '#3794ff');
    assert.equal(colors.fontSize, 12);
    assert.equal(colors.highContrast, false);
    document.body.className = 'vscode-high-contrast';
    assert.equal(readThemeColors(document.body).highContrast, true);
  });

  it('calls back when VS Code switches the body’s theme class, and stops when asked', async () => {
    const { observeTheme } = await import('../../../src/webview/theme');
    document.body.className = 'vscode-dark';
    let calls = 0;
    const stop = observeTheme(() => calls++);
    document.body.className = 'vscode-light';
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.body.setAttribute('data-other', 'x');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(calls, 1);
    stop();
    document.body.className = 'vscode-high-contrast-light';
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(calls, 1);
  });
});
