// The app's composition root.
export function App() {
  return <h1>Keypoints</h1>;
}
