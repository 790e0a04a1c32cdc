/** The public base directory (/bases). */
import { BasesDirectory } from '../../components/BasesDirectory.tsx';

export function BasesDirectoryPage() {
  return <BasesDirectory />;
}
