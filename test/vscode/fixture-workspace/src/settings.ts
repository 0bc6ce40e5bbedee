// Near-miss: names that contain catalog words but are not personal data. Must stay clean.

interface Template {
  emailTemplateId: string;
  fileName: string;
}

export function describe(template: Template, style: { position: string }): string {
  return `${template.emailTemplateId} ${template.fileName} ${style.position} ${document.title}`;
}

declare const document: { title: string };
