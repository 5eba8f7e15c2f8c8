import type { Active, Over } from '@dnd-kit/core';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Board } from '../../api';
import { boardAnnouncements, boardInstructions } from './boardModel';
import { deal, pipeline } from './testData';

const board: Board = {
  pipeline,
  currency: 'EUR',
  columns: pipeline.stages.map((stage, index) => ({
    stage,
    count: index === 0 ? 1 : 0,
    total: index === 0 ? '12500.00' : '0.00',
    weighted: index === 0 ? '5000.00' : '0.00',
    deals: index === 0 ? [deal()] : [],
    leads: [],
  })),
};

// What dnd-kit hands the announcements: the dragged card's id and the column it is over (by stage id).
const active = { id: 'd-1' } as Active;
const over = (stageId: string) => ({ id: stageId }) as Over;

describe('the board announcements', () => {
  const de = boardAnnouncements(i18n.getFixedT('de'), board, 'deal');

  it('speak German with the record title and stage names, never the ids', () => {
    const spoken = [
      de.onDragStart({ active }),
      de.onDragOver({ active, over: over('st-2') }),
      de.onDragEnd({ active, over: over('st-2') }),
      de.onDragCancel({ active, over: null }),
    ];
    expect(spoken).toEqual([
      '„Rahmenvertrag Kopierer“ aufgenommen, Phase „Angebot“.',
      '„Rahmenvertrag Kopierer“ über Phase „Verhandlung“.',
      '„Rahmenvertrag Kopierer“ in Phase „Verhandlung“ abgelegt.',
      'Verschieben abgebrochen. „Rahmenvertrag Kopierer“ bleibt in Phase „Angebot“.',
    ]);
    for (const text of spoken) {
      expect(text).not.toMatch(/d-1|st-1|st-2/);
    }
  });

  it('say the card stays where it was when dropped on its own column or outside', () => {
    expect(de.onDragEnd({ active, over: over('st-1') })).toBe('„Rahmenvertrag Kopierer“ bleibt in Phase „Angebot“.');
    expect(de.onDragEnd({ active, over: null })).toBe('„Rahmenvertrag Kopierer“ bleibt in Phase „Angebot“.');
    expect(de.onDragOver({ active, over: null })).toBe('„Rahmenvertrag Kopierer“ ist über keiner Phase.');
    // Over its own column (dnd-kit says so right after the pick-up) it is still picked up there.
    expect(de.onDragOver({ active, over: over('st-1') })).toBe(
      '„Rahmenvertrag Kopierer“ aufgenommen, Phase „Angebot“.',
    );
  });

  it('speak English when the UI is English', () => {
    const en = boardAnnouncements(i18n.getFixedT('en'), board, 'deal');
    expect(en.onDragEnd({ active, over: over('st-2') })).toBe(
      'Dropped “Rahmenvertrag Kopierer” in stage “Verhandlung”.',
    );
  });

  it('tell how to use a card by keyboard, in German', () => {
    expect(boardInstructions(i18n.getFixedT('de')).draggable).toMatch(/^Enter öffnet den Eintrag\. Die Leertaste/);
  });
});
