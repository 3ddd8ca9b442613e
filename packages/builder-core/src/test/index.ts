/** A Ui for tests that records output, scripts answers and lets tests wait for events. */
export { RecordingUi, type RecordingUiOptions, type UiEvent } from './recording-ui';
