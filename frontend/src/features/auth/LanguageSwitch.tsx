import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetLanguage } from './session';
import { currentLanguage, LANGUAGES } from '../../i18n';
import { useNotify } from '../../components/notify';

/** Deutsch / English; the choice is kept by the desktop app. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const notify = useNotify();
  const setLanguage = useSetLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(language) => {
        setLanguage.mutate(language, {
          onError: (error) => {
            notify.error(error, t('language.saveFailed'));
          },
        });
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
