// Statistics: the screen's heading over the charts and their numbers, precached with the app like every screen.
import { StatsView, type StatsViewProps } from './stats-view';

export function StatsScreen(props: StatsViewProps) {
  return (
    <div className="kp-statistics">
      <h1>Statistics</h1>
      <StatsView {...props} />
    </div>
  );
}
