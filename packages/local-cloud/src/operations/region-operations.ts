import type { OperationDefinition } from '../api/operation';
import { vmTypes } from '../catalog/vm-types';
import type { Cloud } from '../engine/cloud';
import { callerOf } from '../model/access';
import { applyFilters, type FilterTable } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';

interface SubregionRow {
  RegionName: string;
  SubregionName: string;
  State: string;
  LocationCode: string;
}

const subregionFilters: FilterTable<SubregionRow> = {
  RegionNames: { type: 'strings', values: (s) => [s.RegionName] },
  States: { type: 'strings', values: (s) => [s.State] },
  SubregionNames: { type: 'strings', values: (s) => [s.SubregionName] },
};

type VmTypeRow = (typeof vmTypes)[number];

const vmTypeFilters: FilterTable<VmTypeRow> = {
  BsuOptimized: { type: 'boolean', values: () => [false] },
  EphemeralsTypes: { type: 'strings', values: () => [] },
  Eths: { type: 'integers', values: () => [1] },
  Gpus: { type: 'integers', values: () => [0] },
  MemorySizes: { type: 'integers', values: (t) => [t.memoryGiB] },
  VcoreCounts: { type: 'integers', values: (t) => [t.vcores] },
  VmTypeNames: { type: 'strings', values: (t) => [t.name] },
  VolumeCounts: { type: 'integers', values: () => [0] },
  VolumeSizes: { type: 'integers', values: () => [0] },
};

/** ReadRegions, ReadSubregions, ReadVmTypes and ReadAccounts: what the cloud and the caller are. */
export function regionOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation('ReadRegions', [], () => ({
      Regions: [{ RegionName: cloud.region, Endpoint: cloud.endpointHost() }],
    })),
    defineOperation('ReadSubregions', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      callerOf(context);
      const rows = cloud.subregions.map((name, index) => ({
        RegionName: cloud.region,
        SubregionName: name,
        State: 'available',
        LocationCode: `LOCAL${index + 1}`,
      }));
      const page = paginate(applyFilters(rows, body.Filters, subregionFilters), context.operation, body);
      return { Subregions: page.items, NextPageToken: page.nextPageToken };
    }),
    defineOperation('ReadVmTypes', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const page = paginate(applyFilters(vmTypes, body.Filters, vmTypeFilters), context.operation, body);
      return {
        VmTypes: page.items.map((type) => ({
          VmTypeName: type.name,
          VcoreCount: type.vcores,
          MemorySize: type.memoryGiB,
          BsuOptimized: false,
          Eth: 1,
          Gpu: 0,
          MaxPrivateIps: 30,
          VolumeCount: 0,
        })),
        NextPageToken: page.nextPageToken,
      };
    }),
    defineOperation('ReadAccounts', [], (context) => {
      const account = callerOf(context);
      return {
        Accounts: [
          {
            AccountId: account.accountId,
            Email: account.email,
            CustomerId: account.accountId.slice(0, 8),
            CompanyName: 'local-cloud',
            Country: 'France',
            City: 'Paris',
            ZipCode: '75000',
            FirstName: 'Local',
            LastName: account.alias,
            OutscaleLoginAllowed: false,
          },
        ],
      };
    }),
  ];
}
