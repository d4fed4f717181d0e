// A small pill telling the user they are offline and that their reviews are still saved.
import { useOnline } from './online';
import './pwa.css';

export function OfflineIndicator() {
  const online = useOnline();
  if (online) return null;
  return (
    <p className="kp-offline" role="status">
      Offline — your reviews are saved on this device
    </p>
  );
}
