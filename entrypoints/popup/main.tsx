import { createRoot } from 'react-dom/client';
import '@/src/ui/theme.css';
import './popup.css';
import { Popup } from './Popup';

document.documentElement.lang = chrome.i18n.getUILanguage();
createRoot(document.getElementById('root')!).render(<Popup />);
