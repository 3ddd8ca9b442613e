import { errors, type MissingKind } from '../api/errors';
import type { CallContext, OperationDefinition, RequestBody } from '../api/operation';
import { checkKnownFields, optionalObjectList, optionalString, requiredStringList } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { callerOf, isVisible } from '../model/access';
import type { RecordBase } from '../model/records';
import { type ResourceKind, resourceKindOf } from '../model/resource-id';
import { applyFilters, type FilterTable } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';

const maxTagsPerResource = 50;

const missingKinds: Partial<Record<ResourceKind, MissingKind>> = {
  vm: 'vm',
  image: 'image',
  volume: 'volume',
  snapshot: 'snapshot',
  securityGroup: 'securityGroup',
  publicIp: 'publicIp',
  net: 'net',
  subnet: 'subnet',
  imageExportTask: 'imageExportTask',
};

/** The caller's resources named by `ResourceIds`; any other id is "doesn't exist". */
function ownedResources(cloud: Cloud, context: CallContext, ids: readonly string[]): RecordBase[] {
  const accountId = callerOf(context).accountId;
  return ids.map((id) => {
    const record = cloud.state.findAny(id);
    if (!record || record.accountId !== accountId || !isVisible(record, context.now)) {
      const kind = resourceKindOf(id);
      throw errors.notFound((kind && missingKinds[kind]) ?? 'resource', id);
    }
    return record;
  });
}

function tagsOf(body: RequestBody, requireValue: boolean): { key: string; value?: string }[] {
  const tags = optionalObjectList(body, 'Tags');
  if (tags === undefined || tags.length === 0) throw errors.missingParameter('Tags');
  return tags.map((tag, index) => {
    checkKnownFields(tag, ['Key', 'Value'], `Tags.${index}`);
    const key = optionalString(tag, 'Key', `Tags.${index}.Key`);
    const value = optionalString(tag, 'Value', `Tags.${index}.Value`);
    if (key === undefined) throw errors.missingParameter(`Tags.${index}.Key`);
    if (requireValue && value === undefined) throw errors.missingParameter(`Tags.${index}.Value`);
    if (key.length < 1 || key.length > 255) throw errors.invalidParameterValue(`Tags.${index}.Key`, key, '4069');
    if (value !== undefined && value.length > 255)
      throw errors.invalidParameterValue(`Tags.${index}.Value`, value, '4071');
    return { key, value };
  });
}

interface TagRow {
  Key: string;
  Value: string;
  ResourceId: string;
  ResourceType: string;
}

const tagRowFilters: FilterTable<TagRow> = {
  Keys: { type: 'strings', wildcard: true, values: (t) => [t.Key] },
  ResourceIds: { type: 'strings', values: (t) => [t.ResourceId] },
  ResourceTypes: { type: 'strings', values: (t) => [t.ResourceType] },
  Values: { type: 'strings', wildcard: true, values: (t) => [t.Value] },
};

/** CreateTags, DeleteTags, ReadTags. */
export function tagOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation('CreateTags', ['ResourceIds', 'Tags'], (context, body) => {
      const resources = ownedResources(cloud, context, requiredStringList(body, 'ResourceIds'));
      const tags = tagsOf(body, true);
      for (const resource of resources) {
        const keys = new Set([...resource.tags.keys(), ...tags.map((tag) => tag.key)]);
        if (keys.size > maxTagsPerResource) {
          throw errors.quotaExceeded(
            '10041',
            `The resource '${resource.id}' would have more than ${maxTagsPerResource} tags.`,
          );
        }
      }
      for (const resource of resources) for (const tag of tags) resource.tags.set(tag.key, tag.value ?? '');
      return {};
    }),
    defineOperation('DeleteTags', ['ResourceIds', 'Tags'], (context, body) => {
      const resources = ownedResources(cloud, context, requiredStringList(body, 'ResourceIds'));
      const tags = tagsOf(body, false);
      for (const resource of resources) {
        for (const tag of tags) {
          if (tag.value === undefined || resource.tags.get(tag.key) === tag.value) resource.tags.delete(tag.key);
        }
      }
      return {};
    }),
    defineOperation('ReadTags', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const rows: (TagRow & { at: number })[] = [];
      for (const { record, resourceType } of cloud.state.taggable()) {
        if (record.accountId !== accountId || !isVisible(record, context.now)) continue;
        for (const [Key, Value] of record.tags) {
          rows.push({ Key, Value, ResourceId: record.id, ResourceType: resourceType, at: record.createdAt.getTime() });
        }
      }
      rows.sort((a, b) => a.at - b.at || a.ResourceId.localeCompare(b.ResourceId) || a.Key.localeCompare(b.Key));
      const page = paginate(applyFilters(rows, body.Filters, tagRowFilters), context.operation, body);
      return {
        Tags: page.items.map(({ Key, Value, ResourceId, ResourceType }) => ({ Key, Value, ResourceId, ResourceType })),
        NextPageToken: page.nextPageToken,
      };
    }),
  ];
}
