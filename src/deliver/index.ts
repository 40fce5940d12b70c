export { postHttp, type HttpDeliveryOptions } from './post-http.js';
export { createMailSender, type MailSender } from './send-mail.js';
