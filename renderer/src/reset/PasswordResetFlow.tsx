import { useResetStore } from '../stores/reset/resetStore';
import { NewPasswordStep } from './NewPasswordStep';
import { ResetCodeStep } from './ResetCodeStep';
import { ResetRequestStep } from './ResetRequestStep';

/** Renders the step of the password reset: the request, the code, the new password. */
export function PasswordResetFlow() {
  const step = useResetStore((state) => state.resetStep);

  switch (step.name) {
    case 'idle':
      return null;
    case 'request':
      return <ResetRequestStep />;
    case 'code':
      return <ResetCodeStep step={step} />;
    case 'newPassword':
      return <NewPasswordStep step={step} />;
  }
}
