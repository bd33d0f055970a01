import { createRoot } from 'react-dom/client';
import '@/src/ui/theme.css';
import './options.css';
import { App } from './App';

document.documentElement.lang = chrome.i18n.getUILanguage();
document.title = chrome.i18n.getMessage('options_title');
createRoot(document.getElementById('root')!).render(<App />);
