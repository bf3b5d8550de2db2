// class-validator looks up a class's rules on every validation, walking every class it knows to
// find the ancestors (a sixth of a command body's validation). The rules are fixed once the
// classes are defined (decorators run at definition, before any request), so each class's answer
// is kept. Only the plain lookup is kept: with groups, `always` or a schema the library answers.
import { getMetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

let installed = false;

export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const byClass = new Map<Function, ValidationMetadata[]>();
  const grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema !== undefined || always || strictGroups || (groups !== undefined && groups.length > 0)) {
      return lookUp(target, schema, always, strictGroups, groups);
    }
    let metadata = byClass.get(target);
    if (metadata === undefined) byClass.set(target, (metadata = lookUp(target, schema, always, strictGroups, groups)));
    return metadata;
  };
  // Called with the array just answered; the same array gives the same grouping.
  storage.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (byProperty === undefined) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
}
