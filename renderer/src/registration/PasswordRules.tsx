import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import {
  evaluatePassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../../contract/password-policy';
import { useCommonPasswordsStore } from '../stores/passwords/commonPasswordsStore';

type RuleState = 'met' | 'unmet' | 'pending';

/** Lists the password rules under the field, checked as the person types. */
export function PasswordRules({
  id,
  password,
}: {
  id: string;
  password: string;
}) {
  const { t } = useTranslation();
  const { isCommonPassword, commonListStatus } = useCommonPasswordsStore(
    useShallow((state) => ({
      isCommonPassword: state.isCommonPassword,
      commonListStatus: state.commonListStatus,
    })),
  );
  const results = evaluatePassword(password, isCommonPassword ?? (() => false));
  const values = { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH };

  const stateOf = (rule: string, passed: boolean): RuleState => {
    if (password === '') return 'pending';
    if (rule === 'notCommon' && !isCommonPassword) return 'pending';
    return passed ? 'met' : 'unmet';
  };

  return (
    <ul className="rules" id={id} aria-label={t('registration.rules.label')}>
      {results.map(({ rule, passed }) => {
        const state = stateOf(rule, passed);
        return (
          <li key={rule} className={`rule rule-${state}`}>
            {t(`registration.rules.${rule}`, values)}
            <span className="visually-hidden">
              {' '}
              {t(`registration.rules.state.${state}`)}
            </span>
            {rule === 'notCommon' && commonListStatus === 'failed' && (
              <span className="rule-note">
                {' '}
                {t('registration.rules.checkedOnFinish')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
